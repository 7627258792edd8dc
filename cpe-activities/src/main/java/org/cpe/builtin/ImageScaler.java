package org.cpe.builtin;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Scales an image down to an exact size with bilinear steps of at most half, which keeps thin lines and edges. */
final class ImageScaler {

    private ImageScaler() {}

    /**
     * A new image of {@code target} size. When {@code opaque}, it has no alpha channel and transparent pixels become
     * white, since ImageIO's JPEG writer fails on alpha and would otherwise show them black.
     */
    static BufferedImage scale(BufferedImage source, Dimension target, boolean opaque) {
        int type =
                opaque || !source.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB;
        BufferedImage current = source;
        int width = source.getWidth();
        int height = source.getHeight();
        // Always draws at least once: that also converts odd source types into one every writer takes.
        do {
            // A single bilinear step from far above the target skips most source pixels and aliases.
            width = Math.max(target.width, width / 2);
            height = Math.max(target.height, height / 2);
            current = draw(current, width, height, type, opaque);
        } while (width != target.width || height != target.height);
        return current;
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, int type, boolean opaque) {
        BufferedImage result = new BufferedImage(width, height, type);
        Graphics2D graphics = result.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.setRenderingHint(
                    RenderingHints.KEY_ALPHA_INTERPOLATION, RenderingHints.VALUE_ALPHA_INTERPOLATION_QUALITY);
            if (opaque) {
                graphics.setColor(Color.WHITE);
                graphics.fillRect(0, 0, width, height);
            }
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return result;
    }
}
