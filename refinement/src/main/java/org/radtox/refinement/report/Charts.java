package org.radtox.refinement.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import org.radtox.refinement.evaluation.SymptomScore;
import org.radtox.refinement.goldset.LabelStatus;

/** The report's images, drawn with JFreeChart: the learning curve and per-symptom confusion matrices. */
final class Charts {

    private Charts() {
    }

    /** Macro-F1 per round on each split; round 0 is the starting version. */
    static void learningCurve(Map<String, List<Double>> bySplit, Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        bySplit.forEach((split, values) -> {
            XYSeries s = new XYSeries(split);
            for (int i = 0; i < values.size(); i++) {
                s.add(i, values.get(i));
            }
            data.addSeries(s);
        });
        JFreeChart chart = ChartFactory.createXYLineChart("Macro-F1 (present) by round", "round (0 = start)", "macro-F1", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(r);
        write(chart, 720, 400, png);
    }

    /** One panel per symptom: gold status (rows) against predicted status (columns), counts in the cells. */
    static void confusion(String title, Map<String, SymptomScore> bySymptom, Path png) throws IOException {
        int cols = 4;
        int rows = (bySymptom.size() + cols - 1) / cols;
        int w = 260;
        int h = 230;
        BufferedImage image = new BufferedImage(cols * w, rows * h + 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 10, 26);
        int i = 0;
        for (var e : bySymptom.entrySet()) {
            panel(e.getKey(), e.getValue()).draw(g, new Rectangle2D.Double((i % cols) * w, 40 + (i / cols) * h, w, h));
            i++;
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static JFreeChart panel(String symptom, SymptomScore score) {
        LabelStatus[] s = LabelStatus.values();
        DefaultXYZDataset data = new DefaultXYZDataset();
        double[][] series = new double[3][9];
        int max = 1;
        for (int gold = 0; gold < 3; gold++) {
            for (int pred = 0; pred < 3; pred++) {
                int k = gold * 3 + pred;
                series[0][k] = pred;
                series[1][k] = 2 - gold;
                series[2][k] = score.count(s[gold], s[pred]);
                max = Math.max(max, score.count(s[gold], s[pred]));
            }
        }
        data.addSeries(symptom, series);
        String[] names = {"present", "absent", "not m."};
        SymbolAxis x = new SymbolAxis("predicted", names);
        SymbolAxis y = new SymbolAxis("gold", new String[] {names[2], names[1], names[0]});
        XYBlockRenderer renderer = new XYBlockRenderer();
        LookupPaintScale scale = new LookupPaintScale(0, max + 1, Color.WHITE);
        for (int v = 1; v <= max; v++) {
            float t = (float) Math.sqrt(v / (double) max);
            scale.add(v, new Color(1f - 0.65f * t, 1f - 0.45f * t, 1f));
        }
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        for (int k = 0; k < 9; k++) {
            XYTextAnnotation a = new XYTextAnnotation(Integer.toString((int) series[2][k]), series[0][k], series[1][k]);
            a.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            plot.addAnnotation(a);
        }
        JFreeChart chart = new JFreeChart(plot);
        chart.removeLegend();
        chart.setTitle(new TextTitle(symptom, new Font(Font.SANS_SERIF, Font.BOLD, 12)));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static void write(JFreeChart chart, int w, int h, Path png) throws IOException {
        ImageIO.write(chart.createBufferedImage(w, h), "png", png.toFile());
    }
}
