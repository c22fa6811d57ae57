using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiNewsDashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class RememberWhatEachImportChanged : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ImportRunArticles",
                columns: table => new
                {
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Change = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportRunArticles", x => new { x.RunId, x.ArticleId });
                    table.ForeignKey(
                        name: "FK_ImportRunArticles_ImportRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "ImportRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UndoneImports",
                columns: table => new
                {
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    UndoRunId = table.Column<int>(type: "INTEGER", nullable: false),
                    ArticlesRemoved = table.Column<int>(type: "INTEGER", nullable: false),
                    ReferencesRemoved = table.Column<int>(type: "INTEGER", nullable: false),
                    KeptAsReferences = table.Column<int>(type: "INTEGER", nullable: false),
                    KeptUpdatedLater = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedNotReverted = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UndoneImports", x => x.RunId);
                    table.ForeignKey(
                        name: "FK_UndoneImports_ImportRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "ImportRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_UndoneImports_ImportRuns_UndoRunId",
                        column: x => x.UndoRunId,
                        principalTable: "ImportRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ImportRunArticles_ArticleId_RunId",
                table: "ImportRunArticles",
                columns: new[] { "ArticleId", "RunId" });

            migrationBuilder.CreateIndex(
                name: "IX_UndoneImports_UndoRunId",
                table: "UndoneImports",
                column: "UndoRunId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportRunArticles");

            migrationBuilder.DropTable(
                name: "UndoneImports");
        }
    }
}
