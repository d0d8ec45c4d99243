//! Photos as phones' cameras take them: decoded for real (a file that only starts like an image is
//! refused), turned upright by their EXIF orientation, stripped of every piece of metadata (a
//! camera writes where the photo was taken), and kept as two JPEG copies: one to look at (long side
//! at most 1 280 px, at most 200 KB) and a thumbnail for lists (at most 20 KB). The original is
//! not kept. Every capability that takes photos uses this.

pub mod samples;

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, RgbImage, codecs::jpeg::JpegEncoder, imageops::FilterType};

/// The long side of the copy to look at, and its largest size in bytes.
pub const DISPLAY_SIDE: u32 = 1280;
pub const DISPLAY_BYTES: usize = 200 * 1024;
/// The long side of the thumbnail (twice the 120 px it is shown at, for sharp phone screens), and
/// its largest size in bytes.
pub const THUMB_SIDE: u32 = 240;
pub const THUMB_BYTES: usize = 20 * 1024;
/// No side longer than this and no more pixels than this are decoded: a small file that claims to
/// be a huge picture (a decompression bomb) is refused before memory is spent on it.
pub const MAX_SIDE: u32 = 12_000;
pub const MAX_PIXELS: u64 = 50_000_000;
/// The decoder's own allocation limit, a second guard.
const MAX_ALLOC: u64 = 400 * 1024 * 1024;

/// One stored copy: JPEG bytes and the size they show at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Copy {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// What is kept of a photo.
#[derive(Clone, Debug)]
pub struct Kept {
    pub display: Copy,
    pub thumb: Copy,
}

/// Why a photo was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("the file is larger than allowed")]
    TooLarge,
    #[error("the file is not a photo that can be read")]
    NotAPhoto,
    #[error("the picture has too many pixels")]
    TooManyPixels,
}

/// Decodes, turns upright, strips and re-encodes one photo of at most `max_bytes`. CPU-bound
/// (a 12-megapixel photo takes a fraction of a second): call it off the async threads.
pub fn keep(bytes: &[u8], max_bytes: usize) -> Result<Kept, Refused> {
    if bytes.len() > max_bytes {
        return Err(Refused::TooLarge);
    }
    let upright = decode(bytes)?;
    let display = fit(upright, DISPLAY_SIDE);
    let thumb = fit(display.clone(), THUMB_SIDE);
    Ok(Kept {
        display: encode_within(display, DISPLAY_BYTES, &[82, 74, 66, 58, 50]),
        thumb: encode_within(thumb, THUMB_BYTES, &[72, 62, 52, 44]),
    })
}

/// Reads the pixels, upright and on white where the photo is transparent.
fn decode(bytes: &[u8]) -> Result<RgbImage, Refused> {
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|_| Refused::NotAPhoto)?;
    match reader.format() {
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP | ImageFormat::Gif) => {}
        _ => return Err(Refused::NotAPhoto),
    }
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 {
        return Err(Refused::NotAPhoto);
    }
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(Refused::TooManyPixels);
    }
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    img.apply_orientation(orientation);
    Ok(on_white(img))
}

fn refusal(e: image::ImageError) -> Refused {
    match e {
        image::ImageError::Limits(_) => Refused::TooManyPixels,
        _ => Refused::NotAPhoto,
    }
}

/// Drops the alpha channel by laying the picture on white (black is what a plain conversion gives
/// transparent pixels).
fn on_white(img: DynamicImage) -> RgbImage {
    if !img.color().has_alpha() {
        return img.into_rgb8();
    }
    let rgba = img.into_rgba8();
    let (w, h) = rgba.dimensions();
    RgbImage::from_fn(w, h, |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let a = u16::from(a);
        let mix = |c: u8| ((u16::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
        image::Rgb([mix(r), mix(g), mix(b)])
    })
}

/// The picture with its long side at most `side`.
fn fit(img: RgbImage, side: u32) -> RgbImage {
    if img.width().max(img.height()) <= side {
        return img;
    }
    DynamicImage::ImageRgb8(img).resize(side, side, FilterType::Triangle).into_rgb8()
}

/// Encodes at the first quality that fits `max`; if even the lowest does not, shrinks the picture
/// by a fifth and tries again.
fn encode_within(mut img: RgbImage, max: usize, qualities: &[u8]) -> Copy {
    loop {
        let mut last = Vec::new();
        for &q in qualities {
            last = jpeg(&img, q);
            if last.len() <= max {
                return Copy { bytes: last, width: img.width(), height: img.height() };
            }
        }
        let (w, h) = img.dimensions();
        if w.max(h) <= 16 {
            return Copy { bytes: last, width: w, height: h };
        }
        let side = (w.max(h) * 4 / 5).max(16);
        img = DynamicImage::ImageRgb8(img).resize(side, side, FilterType::Triangle).into_rgb8();
    }
}

fn jpeg(img: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 * 1024);
    // Writing into memory cannot fail for an RGB picture of a decoded size.
    JpegEncoder::new_with_quality(&mut out, quality).encode_image(img).expect("JPEG into memory");
    out
}

#[cfg(test)]
mod tests;
