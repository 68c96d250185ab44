ALTER TABLE z_app ADD COLUMN note text;
