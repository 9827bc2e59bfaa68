CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`key_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`last_used_at` text,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_uq` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `api_keys_prefix_idx` ON `api_keys` (`prefix`);--> statement-breakpoint
CREATE TABLE `error_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`method` text NOT NULL,
	`path` text NOT NULL,
	`user_id` integer,
	`message` text NOT NULL,
	`stack` text
);
--> statement-breakpoint
CREATE INDEX `error_log_created_idx` ON `error_log` (`created_at`);--> statement-breakpoint
CREATE TABLE `integration_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`direction` text NOT NULL,
	`kind` text NOT NULL,
	`endpoint` text NOT NULL,
	`method` text NOT NULL,
	`status` text NOT NULL,
	`error` text,
	`response_code` integer,
	`headers` text NOT NULL,
	`body` blob,
	`body_bytes` integer DEFAULT 0 NOT NULL,
	`source_address` text,
	`operation` text,
	`reference` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `integration_requests_created_idx` ON `integration_requests` (`created_at`);--> statement-breakpoint
CREATE INDEX `integration_requests_status_idx` ON `integration_requests` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `job_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`started_at` text NOT NULL,
	`duration_ms` integer NOT NULL,
	`status` text NOT NULL,
	`counts` text NOT NULL,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `job_log_started_idx` ON `job_log` (`started_at`);--> statement-breakpoint
CREATE INDEX `job_log_status_idx` ON `job_log` (`status`,`started_at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `backup_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`server_id` text NOT NULL,
	`job_id` integer NOT NULL,
	`backup_name` text NOT NULL,
	`backup_id` text DEFAULT '' NOT NULL,
	`begin_time` text NOT NULL,
	`end_time` text,
	`status` text NOT NULL,
	`duration_seconds` real DEFAULT 0 NOT NULL,
	`examined_files` integer DEFAULT 0 NOT NULL,
	`size_of_examined_files` integer DEFAULT 0 NOT NULL,
	`added_files` integer DEFAULT 0 NOT NULL,
	`deleted_files` integer DEFAULT 0 NOT NULL,
	`modified_files` integer DEFAULT 0 NOT NULL,
	`opened_files` integer DEFAULT 0 NOT NULL,
	`size_of_added_files` integer DEFAULT 0 NOT NULL,
	`size_of_modified_files` integer DEFAULT 0 NOT NULL,
	`size_of_opened_files` integer DEFAULT 0 NOT NULL,
	`added_folders` integer DEFAULT 0 NOT NULL,
	`deleted_folders` integer DEFAULT 0 NOT NULL,
	`modified_folders` integer DEFAULT 0 NOT NULL,
	`not_processed_files` integer DEFAULT 0 NOT NULL,
	`too_large_files` integer DEFAULT 0 NOT NULL,
	`files_with_error` integer DEFAULT 0 NOT NULL,
	`partial_backup` integer DEFAULT false NOT NULL,
	`dryrun` integer DEFAULT false NOT NULL,
	`interrupted` integer DEFAULT false NOT NULL,
	`version` text DEFAULT '' NOT NULL,
	`bytes_uploaded` integer DEFAULT 0 NOT NULL,
	`bytes_downloaded` integer DEFAULT 0 NOT NULL,
	`files_uploaded` integer DEFAULT 0 NOT NULL,
	`files_downloaded` integer DEFAULT 0 NOT NULL,
	`files_deleted` integer DEFAULT 0 NOT NULL,
	`remote_calls` integer DEFAULT 0 NOT NULL,
	`retry_attempts` integer DEFAULT 0 NOT NULL,
	`known_file_count` integer DEFAULT 0 NOT NULL,
	`known_file_size` integer DEFAULT 0 NOT NULL,
	`backup_list_count` integer DEFAULT 0 NOT NULL,
	`last_backup_date` text,
	`messages_count` integer DEFAULT 0 NOT NULL,
	`warnings_count` integer DEFAULT 0 NOT NULL,
	`errors_count` integer DEFAULT 0 NOT NULL,
	`messages` text DEFAULT '[]' NOT NULL,
	`warnings` text DEFAULT '[]' NOT NULL,
	`errors` text DEFAULT '[]' NOT NULL,
	`available_versions` text DEFAULT '[]' NOT NULL,
	`integration_request_id` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`server_id`) REFERENCES `servers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `backup_runs_dedup_uq` ON `backup_runs` (`server_id`,`backup_name`,`begin_time`);--> statement-breakpoint
CREATE INDEX `backup_runs_job_begin_idx` ON `backup_runs` (`job_id`,`begin_time`);--> statement-breakpoint
CREATE INDEX `backup_runs_begin_idx` ON `backup_runs` (`begin_time`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`server_id` text NOT NULL,
	`name` text NOT NULL,
	`backup_id` text NOT NULL,
	`created_at` text NOT NULL,
	`last_run_id` integer,
	`last_begin_time` text,
	`last_status` text,
	`run_count` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`server_id`) REFERENCES `servers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_server_backup_uq` ON `jobs` (`server_id`,`backup_id`);--> statement-breakpoint
CREATE TABLE `servers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`alias` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`url` text DEFAULT '' NOT NULL,
	`last_report_at` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `servers_name_idx` ON `servers` (`name`);--> statement-breakpoint
CREATE TABLE `totals` (
	`id` integer PRIMARY KEY NOT NULL,
	`runs` integer DEFAULT 0 NOT NULL,
	`uploaded_bytes` integer DEFAULT 0 NOT NULL,
	`other_operations` integer DEFAULT 0 NOT NULL
);
