using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiNewsDashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class StoreCopyMemberDates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "PublishedAt",
                table: "CopyGroupMembers",
                type: "TEXT",
                nullable: true);
            // The groups are read from this table alone (see CopyGroupMember): the members recorded so far get their dates once.
            migrationBuilder.Sql("""
                UPDATE "CopyGroupMembers" SET "PublishedAt" = (SELECT a."PublishedAt" FROM "Articles" AS a WHERE a."Id" = "CopyGroupMembers"."ArticleId");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PublishedAt",
                table: "CopyGroupMembers");
        }
    }
}
