package benchworker

import (
	"fmt"
	"io"
	"slices"
)

// Row is one metric of a side-by-side report: the medians of both workers over the rounds and the target
// ratio (0: none).
type Row struct {
	Metric       string
	Sluice, Java float64
	Format       string // the values' verb, e.g. "%12.0f"
	HigherIsWin  bool
	Target       float64
	TargetText   string
	// SluiceMax, when above 0, is an absolute target instead of a ratio: met when Sluice's value is at most
	// this (e.g. create → RUNNING within 1 s); the ratio is then only shown.
	SluiceMax float64
}

// Median is the middle of f over the rounds' results (the upper one of an even count), 0 for none.
func Median[R any](results []R, f func(R) float64) float64 {
	if len(results) == 0 {
		return 0
	}
	v := make([]float64, len(results))
	for i, r := range results {
		v[i] = f(r)
	}
	slices.Sort(v)
	return v[len(v)/2]
}

// PrintRows writes the header and one line per row: both values, the ratio in Sluice's favour, the target
// and whether it was met. width is the metric column's.
func PrintRows(out io.Writer, width int, rows []Row) {
	fmt.Fprintf(out, "%-*s %12s %12s %8s  %s\n", width, "metric", "Sluice", "Java", "ratio", "target")
	for _, row := range rows {
		s, j := row.Sluice, row.Java
		ratio := j / s
		if row.HigherIsWin {
			ratio = s / j
		}
		verdict := "met"
		switch {
		case s == 0 || j == 0:
			verdict, ratio = "n/a", 0
		case row.SluiceMax > 0:
			if s > row.SluiceMax {
				verdict = "MISSED"
			}
		case row.Target == 0:
			verdict = "-"
		case ratio < row.Target:
			verdict = "MISSED"
		}
		fmt.Fprintf(out, "%-*s "+row.Format+" "+row.Format+" %7.2fx  %s (%s)\n", width, row.Metric, s, j, ratio,
			row.TargetText, verdict)
	}
}
