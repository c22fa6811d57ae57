using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiNewsDashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddMergeRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MergeRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Alias = table.Column<string>(type: "TEXT", nullable: false),
                    Canonical = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MergeRules", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MergeRules_Kind_Alias",
                table: "MergeRules",
                columns: new[] { "Kind", "Alias" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MergeRules");
        }
    }
}
