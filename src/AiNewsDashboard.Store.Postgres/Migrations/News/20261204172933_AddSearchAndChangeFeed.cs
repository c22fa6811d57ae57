using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiNewsDashboard.Store.Postgres.Migrations.News
{
    /// <inheritdoc />
    public partial class AddSearchAndChangeFeed : Migration
    {
        /// <summary>The tables the snapshot and the graph read: a change to any of them makes a snapshot stale.</summary>
        private static readonly string[] ChangeFeedTables = ["Articles", "ArticleTopics", "Providers", "Topics", "MergeRules", "RelatedLinks"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full text: a generated tsvector over title and excerpt, kept by PostgreSQL itself on every insert and
            // update (so no writer can forget it), with a GIN index (PostgresFullTextSearch).
            migrationBuilder.Sql("""
                ALTER TABLE "Articles" ADD COLUMN "SearchVector" tsvector
                GENERATED ALWAYS AS (to_tsvector('english', COALESCE("Title", '') || ' ' || COALESCE("Excerpt", ''))) STORED
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_Articles_SearchVector" ON "Articles" USING GIN ("SearchVector")""");
            // The change feed (PostgresChangeFeed): one NOTIFY per statement that changes what the snapshot reads,
            // delivered at commit to every listening instance.
            migrationBuilder.Sql("""
                CREATE FUNCTION news_notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_notify('news_changed', TG_TABLE_NAME); RETURN NULL; END $$
                """);
            foreach (var table in ChangeFeedTables)
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_NotifyChanged" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}"
                    FOR EACH STATEMENT EXECUTE FUNCTION news_notify_changed()
                    """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in ChangeFeedTables)
                migrationBuilder.Sql($"""DROP TRIGGER "{table}_NotifyChanged" ON "{table}" """);
            migrationBuilder.Sql("DROP FUNCTION news_notify_changed()");
            migrationBuilder.Sql("""DROP INDEX "IX_Articles_SearchVector" """);
            migrationBuilder.Sql("""ALTER TABLE "Articles" DROP COLUMN "SearchVector" """);
        }
    }
}
