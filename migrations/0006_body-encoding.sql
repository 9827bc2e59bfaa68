-- Bodies stored before this column were all gzip; new rows name their own encoding.
ALTER TABLE `integration_requests` ADD `body_encoding` text DEFAULT 'gzip' NOT NULL;