using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiNewsDashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class CoverLinkEnds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RelatedLinks_TargetArticleId",
                table: "RelatedLinks");

            migrationBuilder.CreateIndex(
                name: "IX_RelatedLinks_TargetArticleId_ArticleId",
                table: "RelatedLinks",
                columns: new[] { "TargetArticleId", "ArticleId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RelatedLinks_TargetArticleId_ArticleId",
                table: "RelatedLinks");

            migrationBuilder.CreateIndex(
                name: "IX_RelatedLinks_TargetArticleId",
                table: "RelatedLinks",
                column: "TargetArticleId");
        }
    }
}
