using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quetz.Host.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "aggregated_metrics",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel_name = table.Column<string>(type: "TEXT", nullable: false),
                    platform = table.Column<string>(type: "TEXT", nullable: false),
                    filename = table.Column<string>(type: "TEXT", nullable: false),
                    metric_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    period = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    timestamp = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_aggregated_metrics", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "channels",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: true),
                    @private = table.Column<bool>(name: "private", type: "INTEGER", nullable: false),
                    mirror_channel_url = table.Column<string>(type: "TEXT", nullable: true),
                    mirror_mode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    channel_metadata = table.Column<string>(type: "TEXT", nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    size_limit = table.Column<long>(type: "INTEGER", nullable: true),
                    ttl = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_channels", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    username = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "channel_mirrors",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel_name = table.Column<string>(type: "TEXT", nullable: false),
                    url = table.Column<string>(type: "TEXT", nullable: false),
                    api_endpoint = table.Column<string>(type: "TEXT", nullable: false),
                    metrics_endpoint = table.Column<string>(type: "TEXT", nullable: false),
                    last_synchronised = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_channel_mirrors", x => x.id);
                    table.ForeignKey(
                        name: "FK_channel_mirrors_channels_channel_name",
                        column: x => x.channel_name,
                        principalTable: "channels",
                        principalColumn: "name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "packages",
                columns: table => new
                {
                    channel_name = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 1500, nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: true),
                    summary = table.Column<string>(type: "TEXT", nullable: true),
                    channeldata = table.Column<string>(type: "TEXT", nullable: true),
                    url = table.Column<string>(type: "TEXT", nullable: true),
                    platforms = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_packages", x => new { x.channel_name, x.name });
                    table.ForeignKey(
                        name: "FK_packages_channels_channel_name",
                        column: x => x.channel_name,
                        principalTable: "channels",
                        principalColumn: "name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    lookup_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    protected_key = table.Column<string>(type: "TEXT", nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: false),
                    time_created = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    expire_at = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    owner_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_keys", x => x.id);
                    table.ForeignKey(
                        name: "FK_api_keys_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_api_keys_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "channel_members",
                columns: table => new
                {
                    channel_name = table.Column<string>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_channel_members", x => new { x.channel_name, x.user_id });
                    table.ForeignKey(
                        name: "FK_channel_members_channels_channel_name",
                        column: x => x.channel_name,
                        principalTable: "channels",
                        principalColumn: "name",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_channel_members_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "identities",
                columns: table => new
                {
                    provider = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    identity_id = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    username = table.Column<string>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_identities", x => new { x.provider, x.identity_id });
                    table.ForeignKey(
                        name: "FK_identities_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "jobs",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated = table.Column<DateTime>(type: "TEXT", nullable: false),
                    manifest = table.Column<string>(type: "TEXT", nullable: false),
                    owner_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    items_spec = table.Column<string>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    extra_args = table.Column<string>(type: "TEXT", nullable: true),
                    start_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    repeat_every_seconds = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_jobs", x => x.id);
                    table.ForeignKey(
                        name: "FK_jobs_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "profiles",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: true),
                    avatar_url = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_profiles", x => x.user_id);
                    table.ForeignKey(
                        name: "FK_profiles_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "package_members",
                columns: table => new
                {
                    channel_name = table.Column<string>(type: "TEXT", nullable: false),
                    package_name = table.Column<string>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_package_members", x => new { x.channel_name, x.package_name, x.user_id });
                    table.ForeignKey(
                        name: "FK_package_members_packages_channel_name_package_name",
                        columns: x => new { x.channel_name, x.package_name },
                        principalTable: "packages",
                        principalColumns: new[] { "channel_name", "name" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_package_members_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "package_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel_name = table.Column<string>(type: "TEXT", nullable: false),
                    package_name = table.Column<string>(type: "TEXT", nullable: false),
                    package_format = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    platform = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<string>(type: "TEXT", nullable: false),
                    build_string = table.Column<string>(type: "TEXT", nullable: false),
                    build_number = table.Column<int>(type: "INTEGER", nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    version_order = table.Column<int>(type: "INTEGER", nullable: false),
                    download_count = table.Column<int>(type: "INTEGER", nullable: false),
                    filename = table.Column<string>(type: "TEXT", nullable: false),
                    info = table.Column<string>(type: "TEXT", nullable: false),
                    uploader_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    time_created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    time_modified = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_package_versions", x => x.id);
                    table.ForeignKey(
                        name: "FK_package_versions_packages_channel_name_package_name",
                        columns: x => new { x.channel_name, x.package_name },
                        principalTable: "packages",
                        principalColumns: new[] { "channel_name", "name" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_package_versions_users_uploader_id",
                        column: x => x.uploader_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "tasks",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated = table.Column<DateTime>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    job_id = table.Column<int>(type: "INTEGER", nullable: false),
                    package_version_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tasks", x => x.id);
                    table.ForeignKey(
                        name: "FK_tasks_jobs_job_id",
                        column: x => x.job_id,
                        principalTable: "jobs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_tasks_package_versions_package_version_id",
                        column: x => x.package_version_id,
                        principalTable: "package_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_aggregated_metrics_channel_name_platform_filename_metric_name_period_timestamp",
                table: "aggregated_metrics",
                columns: new[] { "channel_name", "platform", "filename", "metric_name", "period", "timestamp" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_lookup_hash",
                table: "api_keys",
                column: "lookup_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_owner_id",
                table: "api_keys",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_user_id",
                table: "api_keys",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_channel_members_user_id",
                table: "channel_members",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_channel_mirrors_channel_name",
                table: "channel_mirrors",
                column: "channel_name");

            migrationBuilder.CreateIndex(
                name: "IX_channel_mirrors_url",
                table: "channel_mirrors",
                column: "url",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_channels_normalized_name",
                table: "channels",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identities_user_id",
                table: "identities",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_jobs_owner_id",
                table: "jobs",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "IX_jobs_status",
                table: "jobs",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "IX_package_members_user_id",
                table: "package_members",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "IX_package_versions_channel_name_filename_platform",
                table: "package_versions",
                columns: new[] { "channel_name", "filename", "platform" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_package_versions_channel_name_package_name_package_format_platform_version_build_string_build_number",
                table: "package_versions",
                columns: new[] { "channel_name", "package_name", "package_format", "platform", "version", "build_string", "build_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_package_versions_channel_name_platform",
                table: "package_versions",
                columns: new[] { "channel_name", "platform" });

            migrationBuilder.CreateIndex(
                name: "IX_package_versions_uploader_id",
                table: "package_versions",
                column: "uploader_id");

            migrationBuilder.CreateIndex(
                name: "IX_tasks_job_id",
                table: "tasks",
                column: "job_id");

            migrationBuilder.CreateIndex(
                name: "IX_tasks_package_version_id",
                table: "tasks",
                column: "package_version_id");

            migrationBuilder.CreateIndex(
                name: "IX_users_username",
                table: "users",
                column: "username",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "aggregated_metrics");

            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "channel_members");

            migrationBuilder.DropTable(
                name: "channel_mirrors");

            migrationBuilder.DropTable(
                name: "identities");

            migrationBuilder.DropTable(
                name: "package_members");

            migrationBuilder.DropTable(
                name: "profiles");

            migrationBuilder.DropTable(
                name: "tasks");

            migrationBuilder.DropTable(
                name: "jobs");

            migrationBuilder.DropTable(
                name: "package_versions");

            migrationBuilder.DropTable(
                name: "packages");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "channels");
        }
    }
}
