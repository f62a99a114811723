using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quetz.Plugins.TermsOfService.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "quetz_tos",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    uploader_id = table.Column<Guid>(type: "uuid", nullable: false),
                    time_created = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quetz_tos", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "quetz_tos_file",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tos_id = table.Column<Guid>(type: "uuid", nullable: false),
                    filename = table.Column<string>(type: "text", nullable: false),
                    language = table.Column<string>(type: "text", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quetz_tos_file", x => x.id);
                    table.ForeignKey(
                        name: "FK_quetz_tos_file_quetz_tos_tos_id",
                        column: x => x.tos_id,
                        principalTable: "quetz_tos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "quetz_tos_signatures",
                columns: table => new
                {
                    tos_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    time_created = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quetz_tos_signatures", x => new { x.tos_id, x.user_id });
                    table.ForeignKey(
                        name: "FK_quetz_tos_signatures_quetz_tos_tos_id",
                        column: x => x.tos_id,
                        principalTable: "quetz_tos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_quetz_tos_time_created",
                table: "quetz_tos",
                column: "time_created");

            migrationBuilder.CreateIndex(
                name: "IX_quetz_tos_file_tos_id",
                table: "quetz_tos_file",
                column: "tos_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "quetz_tos_file");

            migrationBuilder.DropTable(
                name: "quetz_tos_signatures");

            migrationBuilder.DropTable(
                name: "quetz_tos");
        }
    }
}
