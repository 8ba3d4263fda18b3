package io.netready.collector.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart over time as inline SVG, drawn on the server so that the dashboard needs no
 * script: a title, a y axis with round ticks and its unit, a time axis in UTC, one line per
 * series with a legend, and dashed lines for the policy's limits.
 */
final class SvgLineChart {

    /** One value at one time. */
    record Point(Instant at, double value) {
    }

    /** A named line; {@code css} picks its colour in the page's style sheet. */
    record Series(String name, String css, List<Point> points) {
    }

    /** A horizontal dashed line, e.g. the policy's "good" limit. */
    record Limit(String label, double value, String css) {
    }

    private static final int WIDTH = 560;
    private static final int HEIGHT = 230;
    private static final int LEFT = 54;
    private static final int RIGHT = 14;
    private static final int TOP = 30;
    private static final int BOTTOM = 36;
    private static final int Y_TICKS = 4;
    private static final int X_TICKS = 4;
    /** Up to this many points a series also shows a dot per point, so that single runs are seen. */
    private static final int MAX_DOTS = 60;
    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAYS = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final String title;
    private final String unit;
    private final List<Series> series = new ArrayList<>();
    private final List<Limit> limits = new ArrayList<>();
    private Double fixedMin;
    private Double fixedMax;

    SvgLineChart(String title, String unit) {
        this.title = title;
        this.unit = unit;
    }

    SvgLineChart series(Series s) {
        series.add(s);
        return this;
    }

    SvgLineChart limit(Limit l) {
        limits.add(l);
        return this;
    }

    /** A fixed y range (e.g. MOS 1–5) instead of zero to a round number above the data. */
    SvgLineChart range(double min, double max) {
        fixedMin = min;
        fixedMax = max;
        return this;
    }

    String render() {
        List<Point> all = series.stream().flatMap(s -> s.points().stream()).toList();
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(Html.esc(title)).append("\">");
        svg.append("<text class=\"chart-title\" x=\"").append(LEFT).append("\" y=\"18\">")
                .append(Html.esc(title)).append(" <tspan class=\"chart-unit\">(").append(Html.esc(unit))
                .append(")</tspan></text>");
        legend(svg);
        if (all.isEmpty()) {
            svg.append("<text class=\"chart-empty\" x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT / 2)
                    .append("\" text-anchor=\"middle\">no measurement in the window</text></svg>");
            return svg.toString();
        }
        Instant first = all.stream().map(Point::at).min(Instant::compareTo).orElseThrow();
        Instant last = all.stream().map(Point::at).max(Instant::compareTo).orElseThrow();
        if (!last.isAfter(first)) { // one run: centre it in a minute either side
            first = first.minusSeconds(60);
            last = last.plusSeconds(60);
        }
        double dataMax = Math.max(all.stream().mapToDouble(Point::value).max().orElse(0),
                limits.stream().mapToDouble(Limit::value).max().orElse(0));
        double min = fixedMin != null ? fixedMin : 0;
        double step = niceStep((fixedMax != null ? fixedMax : dataMax) - min);
        double max = fixedMax != null ? fixedMax : min + step * Math.max(1, Math.ceil((dataMax - min) / step));
        Scale scale = new Scale(first, last, min, max);

        yAxis(svg, scale, step);
        xAxis(svg, scale);
        for (Limit l : limits) {
            if (l.value() >= min && l.value() <= max) {
                double y = scale.y(l.value());
                svg.append("<line class=\"limit ").append(l.css()).append("\" x1=\"").append(LEFT).append("\" x2=\"")
                        .append(WIDTH - RIGHT).append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y))
                        .append("\"><title>").append(Html.esc(l.label())).append("</title></line>");
            }
        }
        for (Series s : series) {
            line(svg, scale, s);
        }
        return svg.append("</svg>").toString();
    }

    private void legend(StringBuilder svg) {
        int x = WIDTH - RIGHT;
        for (int i = series.size() - 1; i >= 0; i--) {
            Series s = series.get(i);
            int width = 18 + 7 * s.name().length();
            x -= width;
            svg.append("<g class=\"legend ").append(s.css()).append("\"><line x1=\"").append(x).append("\" x2=\"")
                    .append(x + 12).append("\" y1=\"14\" y2=\"14\"/><text x=\"").append(x + 16)
                    .append("\" y=\"18\">").append(Html.esc(s.name())).append("</text></g>");
            x -= 8;
        }
    }

    private void yAxis(StringBuilder svg, Scale scale, double step) {
        for (double v = scale.min; v <= scale.max + step / 1e6; v += step) {
            double y = scale.y(v);
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y)).append("\"/>")
                    .append("<text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(f(y + 4))
                    .append("\" text-anchor=\"end\">").append(tickLabel(v, step)).append("</text>");
        }
        svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"")
                .append(TOP).append("\" y2=\"").append(HEIGHT - BOTTOM).append("\"/>");
    }

    private void xAxis(StringBuilder svg, Scale scale) {
        int bottom = HEIGHT - BOTTOM;
        svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y1=\"").append(bottom).append("\" y2=\"").append(bottom).append("\"/>");
        Duration span = Duration.between(scale.first, scale.last);
        DateTimeFormatter format = span.compareTo(Duration.ofDays(1)) > 0 ? DAYS : HOURS;
        for (int i = 0; i <= X_TICKS; i++) {
            Instant t = scale.first.plus(span.multipliedBy(i).dividedBy(X_TICKS));
            double x = scale.x(t);
            String anchor = i == 0 ? "start" : i == X_TICKS ? "end" : "middle";
            svg.append("<line class=\"axis\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"")
                    .append(bottom).append("\" y2=\"").append(bottom + 4).append("\"/>")
                    .append("<text class=\"tick\" x=\"").append(f(x)).append("\" y=\"").append(bottom + 16)
                    .append("\" text-anchor=\"").append(anchor).append("\">").append(format.format(t)).append("</text>");
        }
        svg.append("<text class=\"tick\" x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(HEIGHT - 4)
                .append("\" text-anchor=\"end\">UTC</text>");
    }

    private static void line(StringBuilder svg, Scale scale, Series s) {
        if (s.points().isEmpty()) {
            return;
        }
        svg.append("<g class=\"series ").append(s.css()).append("\"><polyline points=\"");
        for (Point p : s.points()) {
            svg.append(f(scale.x(p.at()))).append(',').append(f(scale.y(p.value()))).append(' ');
        }
        svg.append("\"/>");
        if (s.points().size() <= MAX_DOTS) {
            for (Point p : s.points()) {
                svg.append("<circle r=\"2.5\" cx=\"").append(f(scale.x(p.at()))).append("\" cy=\"")
                        .append(f(scale.y(p.value()))).append("\"/>");
            }
        }
        svg.append("</g>");
    }

    /** 1, 2 or 5 times a power of ten, so that about {@link #Y_TICKS} steps cover {@code range}. */
    static double niceStep(double range) {
        if (!(range > 0)) {
            return 1;
        }
        double raw = range / Y_TICKS;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / magnitude;
        double nice = m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private static String tickLabel(double v, double step) {
        int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Data to drawing coordinates. */
    private record Scale(Instant first, Instant last, double min, double max) {
        double x(Instant t) {
            double span = Duration.between(first, last).toMillis();
            return LEFT + (WIDTH - LEFT - RIGHT) * Duration.between(first, t).toMillis() / span;
        }

        double y(double v) {
            double clamped = Math.max(min, Math.min(max, v));
            return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (clamped - min) / (max - min);
        }
    }
}
