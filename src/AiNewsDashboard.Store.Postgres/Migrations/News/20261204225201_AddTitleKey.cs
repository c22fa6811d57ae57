using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiNewsDashboard.Store.Postgres.Migrations.News
{
    /// <inheritdoc />
    public partial class AddTitleKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TitleKey",
                table: "Articles",
                type: "text",
                nullable: true,
                collation: "C");

            // Titles of printable ASCII only get their key here: in the "C" collation upper() folds exactly the letters
            // ToUpperInvariant folds in them, whatever the database's locale. Any other title is keyed at start-up, in C#,
            // by Core's Data/TitleKeyBackfill. Before the index exists, so the update does not maintain it row by row.
            migrationBuilder.Sql("""UPDATE "Articles" SET "TitleKey" = upper("Title" COLLATE "C") WHERE "Title" IS NOT NULL AND "Title" COLLATE "C" !~ '[^ -~]'""");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_TitleKey_Id",
                table: "Articles",
                columns: new[] { "TitleKey", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_TitleKey_Id",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "TitleKey",
                table: "Articles");
        }
    }
}
