using AiNewsDashboard.Core.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiNewsDashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class StemEnglishWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Search stems English words ("chips" finds "chip"): the index is made again with the porter tokenizer and
            // rebuilt from Articles. SqliteFullTextSearch.SchemaV3.
            foreach (var sql in SqliteFullTextSearch.SchemaV3.Up)
                migrationBuilder.Sql(sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in SqliteFullTextSearch.SchemaV3.Down)
                migrationBuilder.Sql(sql);
        }
    }
}
