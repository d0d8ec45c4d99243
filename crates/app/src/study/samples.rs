//! A short sample course video (12 seconds, 320×180, H.264 and AAC in MP4 with the index first,
//! so a phone starts playing before the rest arrives) for the demo county and the tests.

/// The bytes of the sample video.
pub const VIDEO: &[u8] = include_bytes!("sample.mp4");

/// A file that calls itself a video and is not one: a PDF renamed.
pub const NOT_A_VIDEO: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
