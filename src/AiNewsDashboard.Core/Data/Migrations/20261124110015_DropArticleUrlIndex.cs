using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiNewsDashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DropArticleUrlIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_Url",
                table: "Articles");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Articles_Url",
                table: "Articles",
                column: "Url",
                unique: true);
        }
    }
}
