using AiNewsDashboard.Core.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiNewsDashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddSnapshotVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A counter that only changes to what the query snapshot reads move (triggers), so other commits cost no reload.
            // The statements live beside the code that reads the counter: SqliteChangeFeed.SchemaV1.
            foreach (var sql in SqliteChangeFeed.SchemaV1.Up)
                migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in SqliteChangeFeed.SchemaV1.Down)
                migrationBuilder.Sql(sql);
        }
    }
}
