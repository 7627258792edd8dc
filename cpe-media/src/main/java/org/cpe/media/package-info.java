/**
 * Media activities in the manner of the original's CloudTranscode: {@code ValidateAsset} and {@code TranscodeAsset},
 * running ffprobe and ffmpeg from argument lists (never a shell), with live progress and cancellation.
 */
package org.cpe.media;
