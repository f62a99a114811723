using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Quetz.Plugins.SqlAuthenticator.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "credentials",
                columns: table => new
                {
                    username = table.Column<string>(type: "text", nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credentials", x => x.username);
                });

            migrationBuilder.CreateTable(
                name: "sqlauth_login_failures",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    scope = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    key = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    attempt_id = table.Column<Guid>(type: "uuid", nullable: false),
                    time_failed = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sqlauth_login_failures", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sqlauth_login_failures_scope_key_time_failed",
                table: "sqlauth_login_failures",
                columns: new[] { "scope", "key", "time_failed" });

            migrationBuilder.CreateIndex(
                name: "IX_sqlauth_login_failures_time_failed",
                table: "sqlauth_login_failures",
                column: "time_failed");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credentials");

            migrationBuilder.DropTable(
                name: "sqlauth_login_failures");
        }
    }
}
