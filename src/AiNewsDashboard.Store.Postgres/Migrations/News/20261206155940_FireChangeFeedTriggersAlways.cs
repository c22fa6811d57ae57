using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiNewsDashboard.Store.Postgres.Migrations.News
{
    /// <inheritdoc />
    public partial class FireChangeFeedTriggersAlways : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The writer copies rows without the foreign keys' row triggers when it may (session_replication_role =
            // replica) and checks their parents itself; the change feed's triggers must fire then too. The statements
            // live beside the code that reads the feed, PostgresChangeFeed.TriggersV3.
            foreach (var sql in PostgresChangeFeed.TriggersV3.Up)
                migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in PostgresChangeFeed.TriggersV3.Down)
                migrationBuilder.Sql(sql);
        }
    }
}
