/**
 * The built-in activities, which need nothing but the JDK: {@link org.cpe.builtin.ChecksumActivity},
 * {@link org.cpe.builtin.ThumbnailActivity} and {@link org.cpe.builtin.TestActivity}, each an
 * {@code @ApplicationScoped} {@link org.cpe.activity.Activity} the ActivityPoller discovers, plus the package-private
 * helpers they share: reading JSON input ({@link org.cpe.builtin.Inputs}) and streaming an http(s) download
 * ({@link org.cpe.builtin.Downloads}).
 */
package org.cpe.builtin;
