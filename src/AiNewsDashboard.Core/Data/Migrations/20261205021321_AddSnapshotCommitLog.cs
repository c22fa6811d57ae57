using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiNewsDashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddSnapshotCommitLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SnapshotCommits",
                columns: table => new
                {
                    VersionAfter = table.Column<long>(type: "INTEGER", nullable: false),
                    VersionBefore = table.Column<long>(type: "INTEGER", nullable: false),
                    Articles = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CommittedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SnapshotCommits", x => x.VersionAfter);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SnapshotCommits");
        }
    }
}
