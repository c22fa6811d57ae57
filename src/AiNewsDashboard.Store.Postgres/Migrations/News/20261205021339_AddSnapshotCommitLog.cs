using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiNewsDashboard.Store.Postgres.Migrations.News
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
                    VersionAfter = table.Column<long>(type: "bigint", nullable: false),
                    VersionBefore = table.Column<long>(type: "bigint", nullable: false),
                    Articles = table.Column<byte[]>(type: "bytea", nullable: true),
                    CommittedAt = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SnapshotCommits", x => x.VersionAfter);
                });

            // A store-global snapshot version, as SQLite's (the writer logs each batch against it): the statements
            // live beside the code that reads the counter, PostgresChangeFeed.CounterV1.
            foreach (var sql in PostgresChangeFeed.CounterV1.Up)
                migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in PostgresChangeFeed.CounterV1.Down)
                migrationBuilder.Sql(sql);

            migrationBuilder.DropTable(
                name: "SnapshotCommits");
        }
    }
}
