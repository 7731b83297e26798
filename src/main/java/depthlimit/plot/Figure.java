package depthlimit.plot;

import java.util.ArrayList;
import java.util.List;

/** Curves on one pair of axes (each linear or logarithmic), e.g. an error against L on log–log axes with its fit. */
public record Figure(String name, String title, String caption, Axis x, Axis y, List<Series> series) implements Plot {
    public Figure {
        Plot.checkName(name);
        series = List.copyOf(series);
        if (series.isEmpty()) throw new IllegalArgumentException("figure " + name + " has no series");
    }

    public static Figure of(String name, String title, String caption, Axis x, Axis y, Series... series) {
        return new Figure(name, title, caption, x, y, List.of(series));
    }

    /** This figure with more series. */
    public Figure with(Series... more) {
        List<Series> all = new ArrayList<>(series);
        all.addAll(List.of(more));
        return new Figure(name, title, caption, x, y, all);
    }

    /** Columns series, x, y: one line per point, series in order. */
    @Override
    public String csv() {
        StringBuilder b = new StringBuilder("series,x,y\n");
        for (Series s : series) {
            double[] xs = s.x(), ys = s.y();
            for (int i = 0; i < xs.length; i++)
                b.append(Csv.quote(s.name())).append(',').append(xs[i]).append(',').append(ys[i]).append('\n');
        }
        return b.toString();
    }
}
