CREATE TABLE `monitor_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`job_id` integer NOT NULL,
	`kind` text NOT NULL,
	`reminder` integer DEFAULT false NOT NULL,
	`run_id` integer,
	`from_state` text NOT NULL,
	`to_state` text NOT NULL,
	`details` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `monitor_events_key_unique` ON `monitor_events` (`key`);--> statement-breakpoint
CREATE INDEX `monitor_events_job_idx` ON `monitor_events` (`job_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `monitor_settings` (
	`scope` text PRIMARY KEY NOT NULL,
	`interval` text,
	`cron` text,
	`time_zone` text,
	`weekdays` integer,
	`grace_seconds` integer,
	`paused` integer,
	`events` text,
	`channels` text,
	`reminder` text,
	`digest` integer,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `monitors` (
	`job_id` integer PRIMARY KEY NOT NULL,
	`server_id` text NOT NULL,
	`state` text DEFAULT 'new' NOT NULL,
	`state_since` text NOT NULL,
	`last_run_id` integer,
	`last_run_at` text,
	`last_status` text,
	`duplicati_next_run` text,
	`learned_interval_seconds` integer,
	`learned_minute_of_day` integer,
	`schedule_source` text,
	`next_due_at` text,
	`grace_seconds` integer NOT NULL,
	`alert_after` text,
	`last_alert_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `monitors_alert_after_idx` ON `monitors` (`alert_after`);--> statement-breakpoint
CREATE TABLE `notify_channels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`config` text NOT NULL,
	`secret` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`event_id` integer NOT NULL,
	`channel_id` integer NOT NULL,
	`target` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `monitor_events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`channel_id`) REFERENCES `notify_channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_key_uq` ON `outbox` (`key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `push_subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer,
	`endpoint` text NOT NULL,
	`p256dh` text NOT NULL,
	`auth` text NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`events` text DEFAULT 'warnings' NOT NULL,
	`job_ids` text,
	`created_at` text NOT NULL,
	`last_success_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `push_subscriptions_endpoint_uq` ON `push_subscriptions` (`endpoint`);