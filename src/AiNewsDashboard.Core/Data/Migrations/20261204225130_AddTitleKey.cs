using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiNewsDashboard.Core.Data.Migrations
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
                type: "TEXT",
                nullable: true);

            // Titles of printable ASCII only get their key here: upper() folds exactly the letters ToUpperInvariant folds
            // in them. Any other title (SQLite's upper() leaves non-ASCII letters alone) is keyed at start-up, in C#, by
            // Data/TitleKeyBackfill. Before the index exists, so the update does not maintain it row by row.
            migrationBuilder.Sql("UPDATE Articles SET TitleKey = upper(Title) WHERE Title IS NOT NULL AND Title NOT GLOB '*[^ -~]*'");

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
