CREATE TABLE `ui_prefs` (
	`owner` text PRIMARY KEY NOT NULL,
	`locale` text DEFAULT '' NOT NULL,
	`theme` text DEFAULT 'system' NOT NULL,
	`layout` text DEFAULT 'cards' NOT NULL,
	`refresh_seconds` integer DEFAULT 60 NOT NULL,
	`updated_at` text NOT NULL
);
