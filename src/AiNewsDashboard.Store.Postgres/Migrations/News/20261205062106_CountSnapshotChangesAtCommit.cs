using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiNewsDashboard.Store.Postgres.Migrations.News
{
    /// <inheritdoc />
    public partial class CountSnapshotChangesAtCommit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The snapshot's counter moves at commit, so no write holds its row while it waits for another's rows (no
            // deadlock) and none waits for an import batch to end: the statements live beside the code that reads the
            // counter, PostgresChangeFeed.CounterV2.
            foreach (var sql in PostgresChangeFeed.CounterV2.Up)
                migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in PostgresChangeFeed.CounterV2.Down)
                migrationBuilder.Sql(sql);
        }
    }
}
