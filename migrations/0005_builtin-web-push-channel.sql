-- Web push is built in: one channel row whose targets are the subscribed devices.
CREATE UNIQUE INDEX `notify_channels_webpush_uq` ON `notify_channels` (`kind`) WHERE `kind` = 'webpush';
--> statement-breakpoint
INSERT INTO `notify_channels` (`kind`, `name`, `enabled`, `config`, `secret`, `created_at`, `updated_at`)
VALUES ('webpush', 'Web push', 1, '{}', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
