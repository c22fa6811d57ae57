using AiNewsDashboard.Core.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiNewsDashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class IndexNewArticlesInBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // New articles are indexed by the importer's writer, a batch at a time: SqliteFullTextSearch.SchemaV2.
            foreach (var sql in SqliteFullTextSearch.SchemaV2.Up)
                migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in SqliteFullTextSearch.SchemaV2.Down)
                migrationBuilder.Sql(sql);
        }
    }
}
