-- compute reads images from image-service now (client.HttpImageClient): the seeded stand-in table goes.
-- Servers and volumes keep their image_id as a plain reference, as before.
DROP TABLE image;
