using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quetz.Plugins.ContentTrust.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "content_trust_roles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel = table.Column<string>(type: "text", nullable: false),
                    type = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    timestamp = table.Column<string>(type: "text", nullable: false),
                    expiration = table.Column<string>(type: "text", nullable: false),
                    delegator_id = table.Column<Guid>(type: "uuid", nullable: true),
                    time_created = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_content_trust_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "signing_keys",
                columns: table => new
                {
                    public_key = table.Column<string>(type: "text", nullable: false),
                    private_key = table.Column<string>(type: "text", nullable: true),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    time_created = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_signing_keys", x => x.public_key);
                });

            migrationBuilder.CreateTable(
                name: "role_delegations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    issuer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel = table.Column<string>(type: "text", nullable: false),
                    type = table.Column<string>(type: "text", nullable: false),
                    threshold = table.Column<int>(type: "integer", nullable: false),
                    time_created = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_role_delegations", x => x.id);
                    table.ForeignKey(
                        name: "FK_role_delegations_content_trust_roles_issuer_id",
                        column: x => x.issuer_id,
                        principalTable: "content_trust_roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "delegations_keys",
                columns: table => new
                {
                    role_delegations_id = table.Column<Guid>(type: "uuid", nullable: false),
                    signing_keys_public_key = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_delegations_keys", x => new { x.role_delegations_id, x.signing_keys_public_key });
                    table.ForeignKey(
                        name: "FK_delegations_keys_role_delegations_role_delegations_id",
                        column: x => x.role_delegations_id,
                        principalTable: "role_delegations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_delegations_keys_signing_keys_signing_keys_public_key",
                        column: x => x.signing_keys_public_key,
                        principalTable: "signing_keys",
                        principalColumn: "public_key",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_content_trust_roles_channel_type",
                table: "content_trust_roles",
                columns: new[] { "channel", "type" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_delegations_keys_signing_keys_public_key",
                table: "delegations_keys",
                column: "signing_keys_public_key");

            migrationBuilder.CreateIndex(
                name: "IX_role_delegations_channel_type",
                table: "role_delegations",
                columns: new[] { "channel", "type" });

            migrationBuilder.CreateIndex(
                name: "IX_role_delegations_issuer_id",
                table: "role_delegations",
                column: "issuer_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "delegations_keys");

            migrationBuilder.DropTable(
                name: "role_delegations");

            migrationBuilder.DropTable(
                name: "signing_keys");

            migrationBuilder.DropTable(
                name: "content_trust_roles");
        }
    }
}
