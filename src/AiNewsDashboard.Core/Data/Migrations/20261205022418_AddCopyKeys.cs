using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiNewsDashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddCopyKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The table the model describes (Key, ArticleId as its key; Day), clustered on its key (WITHOUT ROWID, which
            // EF can't say): one B-tree rather than a table and an index of the same columns, half the bytes and the
            // page writes at some 14 rows an article.
            migrationBuilder.Sql("""
                CREATE TABLE "CopyKeys" (
                    "Key" INTEGER NOT NULL,
                    "ArticleId" INTEGER NOT NULL,
                    "Day" INTEGER NOT NULL,
                    CONSTRAINT "PK_CopyKeys" PRIMARY KEY ("Key", "ArticleId")
                ) WITHOUT ROWID;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CopyKeys");
        }
    }
}
