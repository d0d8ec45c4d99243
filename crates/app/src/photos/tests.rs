use image::{ExtendedColorType, ImageEncoder, ImageFormat};

use super::samples::{GPS_SECONDS, camera_jpeg};
use super::*;

fn has_app1(jpeg: &[u8]) -> bool {
    jpeg.windows(2).any(|w| w == [0xFF, 0xE1]) || jpeg.windows(4).any(|w| w == b"Exif")
}

#[test]
fn a_camera_photo_is_turned_upright_stripped_and_kept_small() {
    let photo = camera_jpeg();
    assert!(photo.len() > 2 * 1024 * 1024, "the fixture is a camera-sized file: {} bytes", photo.len());
    assert!(has_app1(&photo), "the fixture carries EXIF");
    // The fixture's orientation is read by the decoder (so the test below tests the turn).
    let mut d = ImageReader::with_format(Cursor::new(&photo), ImageFormat::Jpeg).into_decoder().unwrap();
    assert_eq!(d.orientation().unwrap(), image::metadata::Orientation::Rotate90);

    let kept = keep(&photo, 12 * 1024 * 1024).unwrap();
    let (dp, th) = (&kept.display, &kept.thumb);
    assert_eq!((dp.width, dp.height), (960, 1280), "upright and at most 1280 px");
    assert!(dp.bytes.len() <= DISPLAY_BYTES, "display copy {} bytes", dp.bytes.len());
    assert!(
        th.width.max(th.height) <= THUMB_SIDE && th.bytes.len() <= THUMB_BYTES,
        "thumbnail {:?} {} bytes",
        (th.width, th.height),
        th.bytes.len()
    );
    assert_eq!((th.width, th.height), (180, 240));
    for c in [dp, th] {
        assert!(!has_app1(&c.bytes), "no EXIF left");
        assert!(!c.bytes.windows(4).any(|w| w == GPS_SECONDS.to_le_bytes()), "no GPS left");
        let back = image::load_from_memory_with_format(&c.bytes, ImageFormat::Jpeg).unwrap().into_rgb8();
        assert_eq!(back.dimensions(), (c.width, c.height));
        // Turned 90° clockwise: the stored top-left corner is now the top-right one.
        let top_right = back.get_pixel(c.width - 3, 3).0;
        let top_left = back.get_pixel(3, 3).0;
        assert!(top_right[0] > 180 && top_right[1] < 80, "red at the top right: {top_right:?}");
        assert!(top_left[0] < 150, "not red at the top left: {top_left:?}");
    }
}

#[test]
fn a_file_that_only_starts_like_an_image_is_refused() {
    let mut fake = b"\x89PNG\r\n\x1a\n".to_vec();
    fake.extend(std::iter::repeat_n(0u8, 4096));
    assert_eq!(keep(&fake, 1 << 20).unwrap_err(), Refused::NotAPhoto);
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0];
    jpeg.extend(std::iter::repeat_n(0u8, 4096));
    assert_eq!(keep(&jpeg, 1 << 20).unwrap_err(), Refused::NotAPhoto);
    assert_eq!(keep(b"%PDF-1.7 not a photo", 1 << 20).unwrap_err(), Refused::NotAPhoto);
}

/// A PNG whose header claims `w`×`h` pixels, with a few bytes of compressed data: a few hundred
/// bytes that would ask for gigabytes if decoded.
fn bomb_png(w: u32, h: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut z, &vec![0u8; 1 << 20]).unwrap();
    chunk(&mut png, b"IDAT", &z.finish().unwrap());
    chunk(&mut png, b"IEND", &[]);
    png
}

#[test]
fn a_decompression_bomb_is_refused_before_it_is_decoded() {
    let wide = bomb_png(100_000, 100_000);
    assert!(wide.len() < 8 * 1024);
    assert_eq!(keep(&wide, 1 << 20).unwrap_err(), Refused::TooManyPixels);
    // Each side within the limit, the pixels not.
    assert_eq!(keep(&bomb_png(11_000, 11_000), 1 << 20).unwrap_err(), Refused::TooManyPixels);
}

#[test]
fn a_file_over_the_limit_is_refused_unread_and_transparency_turns_white() {
    assert_eq!(keep(&[0u8; 2048], 1024).unwrap_err(), Refused::TooLarge);
    let clear = image::RgbaImage::from_pixel(40, 20, image::Rgba([0, 0, 0, 0]));
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png).write_image(clear.as_raw(), 40, 20, ExtendedColorType::Rgba8).unwrap();
    let kept = keep(&png, 1 << 20).unwrap();
    assert_eq!((kept.display.width, kept.display.height), (40, 20), "small photos keep their size");
    let back = image::load_from_memory(&kept.thumb.bytes).unwrap().into_rgb8();
    assert!(back.get_pixel(20, 10).0.iter().all(|&c| c > 240), "transparent is white, not black");
}
