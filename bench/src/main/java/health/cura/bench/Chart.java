package health.cura.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/** Two line charts side by side: throughput and p95 latency against clients (log scales), one line per scenario. */
public final class Chart {

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0x17becf)};
    private static final int PANEL = 560;
    private static final int HEIGHT = 440;

    private Chart() {}

    public static void write(List<RunResult> results, String title, Path file) throws IOException {
        Map<String, List<RunResult>> series = new LinkedHashMap<>();
        results.forEach(r -> series.computeIfAbsent(r.scenario(), k -> new java.util.ArrayList<>()).add(r));
        Font legendFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        BufferedImage image = new BufferedImage(PANEL * 2 + legendWidth(series.keySet(), legendFont), HEIGHT + 60,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, 20, 24);
        panel(g, series, 0, "Throughput (per second, log)", RunResult::perSecond);
        panel(g, series, PANEL, "p95 latency (ms, log)", RunResult::p95Ms);
        g.setFont(legendFont);
        int y = 70;
        int i = 0;
        for (String name : series.keySet()) {
            g.setColor(PALETTE[i++ % PALETTE.length]);
            g.fillRect(PANEL * 2 + 10, y - 9, 14, 4);
            g.setColor(Color.BLACK);
            g.drawString(name, PANEL * 2 + 30, y);
            y += 20;
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    /** Wide enough for the longest scenario name (the growth runs' names are long), and never narrower than 240. */
    private static int legendWidth(Iterable<String> names, Font font) {
        Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        int widest = 0;
        for (String name : names) {
            widest = Math.max(widest, scratch.getFontMetrics(font).stringWidth(name));
        }
        scratch.dispose();
        return Math.max(240, widest + 50);
    }

    private static void panel(Graphics2D g, Map<String, List<RunResult>> series, int left, String label,
            ToDoubleFunction<RunResult> value) {
        int x0 = left + 70;
        int y0 = HEIGHT + 10;
        int width = PANEL - 100;
        int height = HEIGHT - 60;
        double min = Double.MAX_VALUE;
        double max = 0;
        int maxClients = 1;
        for (List<RunResult> runs : series.values()) {
            for (RunResult run : runs) {
                double v = value.applyAsDouble(run);
                if (v > 0) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                maxClients = Math.max(maxClients, run.clients());
            }
        }
        if (max == 0) {
            return;
        }
        double logMin = Math.floor(Math.log10(min));
        double logMax = Math.ceil(Math.log10(max));
        if (logMax == logMin) {
            logMax++;
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(label, x0, 50);
        g.drawLine(x0, y0, x0 + width, y0);
        g.drawLine(x0, y0, x0, y0 - height);
        for (double p = logMin; p <= logMax; p++) {
            int y = y0 - (int) ((p - logMin) / (logMax - logMin) * height);
            g.setColor(new Color(0xdddddd));
            g.drawLine(x0 + 1, y, x0 + width, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format("%,.0f", Math.pow(10, p)).replace(",", " "), left + 5, y + 4);
        }
        double logClients = Math.log(maxClients) / Math.log(2);
        for (int c = 1; c <= maxClients; c *= 2) {
            int x = x0 + (int) (Math.log(c) / Math.log(2) / Math.max(1, logClients) * width);
            g.drawString(Integer.toString(c), x - 4, y0 + 16);
        }
        g.drawString("clients", x0 + width - 40, y0 + 32);
        int i = 0;
        g.setStroke(new BasicStroke(2f));
        for (List<RunResult> runs : series.values()) {
            g.setColor(PALETTE[i++ % PALETTE.length]);
            int px = -1;
            int py = -1;
            for (RunResult run : runs) {
                double v = value.applyAsDouble(run);
                if (v <= 0) {
                    continue;
                }
                int x = x0 + (int) (Math.log(run.clients()) / Math.log(2) / Math.max(1, logClients) * width);
                int y = y0 - (int) ((Math.log10(v) - logMin) / (logMax - logMin) * height);
                g.fillOval(x - 3, y - 3, 7, 7);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
        }
        g.setStroke(new BasicStroke(1f));
    }
}
