using AiNewsDashboard.Core.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiNewsDashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddArticleSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text search over Title and Excerpt (FTS5, external content, kept in sync by triggers).
            // The statements live beside the code that queries the index: SqliteFullTextSearch.SchemaV1.
            foreach (var sql in SqliteFullTextSearch.SchemaV1.Up)
                migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in SqliteFullTextSearch.SchemaV1.Down)
                migrationBuilder.Sql(sql);
        }
    }
}
