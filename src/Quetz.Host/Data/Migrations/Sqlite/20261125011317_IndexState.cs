using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quetz.Host.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IndexState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "index_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    channel_name = table.Column<string>(type: "TEXT", nullable: false),
                    subdir = table.Column<string>(type: "TEXT", nullable: false),
                    generation = table.Column<long>(type: "INTEGER", nullable: false),
                    filename = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_index_changes", x => x.id);
                    table.ForeignKey(
                        name: "FK_index_changes_channels_channel_name",
                        column: x => x.channel_name,
                        principalTable: "channels",
                        principalColumn: "name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "subdir_indexes",
                columns: table => new
                {
                    channel_name = table.Column<string>(type: "TEXT", nullable: false),
                    subdir = table.Column<string>(type: "TEXT", nullable: false),
                    generation = table.Column<long>(type: "INTEGER", nullable: false),
                    published_generation = table.Column<long>(type: "INTEGER", nullable: false),
                    epoch = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_subdir_indexes", x => new { x.channel_name, x.subdir });
                    table.ForeignKey(
                        name: "FK_subdir_indexes_channels_channel_name",
                        column: x => x.channel_name,
                        principalTable: "channels",
                        principalColumn: "name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_index_changes_channel_name_subdir_generation",
                table: "index_changes",
                columns: new[] { "channel_name", "subdir", "generation" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "index_changes");

            migrationBuilder.DropTable(
                name: "subdir_indexes");
        }
    }
}
