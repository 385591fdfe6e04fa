package metrics_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/bulletin-gov/bulletin/internal/metrics"
	"github.com/bulletin-gov/bulletin/internal/report"
	"github.com/bulletin-gov/bulletin/internal/snapshot"
)

// propDef is a small definition over random columns a, b, c.
const propDef = `
office: {name: 测试}
title: t
template: t.tmpl
unit_column: 单位
columns:
  - {id: a, header: a}
  - {id: b, header: b}
  - {id: c, header: c, kind: number}
indicators:
  - {id: R, name: 比率, ratio: [a, b]}
  - {id: E, name: 表达式, expr: (a + c) / (b + c), unit: percent, precision: 1}
  - {id: C, name: 数量, column: c, precision: 1, better: lower}
  - {id: M, name: 平均, column: c, total: mean}
  - {id: W, name: 加权, column: c, total: weighted, weight: b}
rankings:
  - {id: r, by: R, show_change: true}
  - {id: c, by: C}
  - {id: e, by: E, order: asc}
`

func parseDef(t testing.TB, y string) *report.Definition {
	t.Helper()
	def, err := report.Parse("report.yaml", []byte(y))
	if err != nil {
		t.Fatal(err)
	}
	if ps := def.Validate(); ps.Err() != nil {
		t.Fatal(ps)
	}
	return def
}

// randomSnap makes n units with a ≤ b counts (sometimes 0/0), c a number
// with one decimal, and some values not applicable.
func randomSnap(rng *rand.Rand, n int) *snapshot.Snapshot {
	s := &snapshot.Snapshot{File: "rand.xlsx", Columns: []string{"a", "b", "c"}}
	for i := range n {
		b := float64(rng.IntN(20))
		a := float64(rng.IntN(int(b) + 1))
		c := float64(rng.IntN(40)) / 10
		u := snapshot.Unit{Name: fmt.Sprintf("单位%d", i), Row: 5 + i, Values: map[string]snapshot.Value{
			"a": {Num: a}, "b": {Num: b}, "c": {Num: c},
		}}
		if rng.IntN(8) == 0 {
			u.Values["a"] = snapshot.Value{NA: true}
		}
		if rng.IntN(8) == 0 {
			u.Values["c"] = snapshot.Value{NA: true}
		}
		s.Units = append(s.Units, u)
	}
	return s
}

// TestRatioOfSumsProperty: over random tables, a ratio's total is Σa/Σb
// over the units where both apply, lies between the smallest and largest
// unit ratio, and does not depend on the order of the units; an expr's
// total is its formula over the summed parts.
func TestRatioOfSumsProperty(t *testing.T) {
	def := parseDef(t, propDef)
	rng := rand.New(rand.NewPCG(1, 2))
	for iter := range 300 {
		s := randomSnap(rng, 1+rng.IntN(30))
		r, err := metrics.Compute(def, s, nil)
		if err != nil {
			t.Fatal(err)
		}
		var sa, sb, ea, eb, ec, lo, hi, mean, wsum, wb float64
		lo, hi = math.Inf(1), math.Inf(-1)
		nm := 0
		for _, u := range s.Units {
			a, b, c := u.Values["a"], u.Values["b"], u.Values["c"]
			if !a.NA {
				sa += a.Num
				sb += b.Num
				if b.Num > 0 {
					lo, hi = math.Min(lo, a.Num/b.Num), math.Max(hi, a.Num/b.Num)
				}
			}
			if !a.NA && !c.NA {
				ea, eb, ec = ea+a.Num, eb+b.Num, ec+c.Num
			}
			if !c.NA {
				mean += c.Num
				nm++
				wsum += c.Num * b.Num
				wb += b.Num
			}
		}
		R, E, M, W := ind(t, r, "R"), ind(t, r, "E"), ind(t, r, "M"), ind(t, r, "W")
		switch {
		case sb == 0 && !R.Total.NA:
			t.Fatalf("iter %d: Σb = 0 but R total %v", iter, R.Total.V)
		case sb > 0 && (R.Total.NA || !near(R.Total.V, sa/sb)):
			t.Fatalf("iter %d: R total %+v, want %v/%v", iter, R.Total, sa, sb)
		case sb > 0 && (R.Total.V < lo-1e-12 || R.Total.V > hi+1e-12):
			t.Fatalf("iter %d: R total %v outside [%v, %v]", iter, R.Total.V, lo, hi)
		}
		if eb+ec > 0 && (E.Total.NA || !near(E.Total.V, (ea+ec)/(eb+ec))) {
			t.Fatalf("iter %d: E total %+v, want (%v+%v)/(%v+%v)", iter, E.Total, ea, ec, eb, ec)
		}
		if nm > 0 && !near(M.Total.V, mean/float64(nm)) || M.TotalMethod != "mean" {
			t.Fatalf("iter %d: mean total %+v (%s), want %v", iter, M.Total, M.TotalMethod, mean/float64(nm))
		}
		if wb > 0 && !near(W.Total.V, wsum/wb) {
			t.Fatalf("iter %d: weighted total %+v, want %v", iter, W.Total, wsum/wb)
		}
		// Shuffling the units changes no total.
		sh := *s
		sh.Units = append([]snapshot.Unit(nil), s.Units...)
		rng.Shuffle(len(sh.Units), func(i, j int) { sh.Units[i], sh.Units[j] = sh.Units[j], sh.Units[i] })
		r2, err := metrics.Compute(def, &sh, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{"R", "E", "C", "M", "W"} {
			a, b := ind(t, r, id).Total, ind(t, r2, id).Total
			if a.NA != b.NA || math.Abs(a.V-b.V) > 1e-9 {
				t.Fatalf("iter %d: %s total %+v becomes %+v when units are shuffled", iter, id, a, b)
			}
		}
	}
}

// TestRankingProperty: every unit appears once; applicable values first;
// a unit's rank is 1 + the number of units shown strictly better; Tied iff
// another unit shows the same value; ranks do not depend on input order;
// rank changes are PrevRank − Rank.
func TestRankingProperty(t *testing.T) {
	def := parseDef(t, propDef)
	rng := rand.New(rand.NewPCG(3, 4))
	for iter := range 300 {
		n := 1 + rng.IntN(25)
		cur, prev := randomSnap(rng, n), randomSnap(rng, n)
		r, err := metrics.Compute(def, cur, prev)
		if err != nil {
			t.Fatal(err)
		}
		for _, rk := range r.Rankings {
			in := rk.Indicator
			better := func(a, b float64) bool { // a shown better than b in this ranking's order
				ka, kb := in.Key(a), in.Key(b)
				switch {
				case rk.ID == "e": // order: asc
					return ka < kb
				case in.Better == "lower":
					return ka < kb
				}
				return ka > kb
			}
			seen := map[string]bool{}
			lastRank, naSeen := 0, false
			for _, rw := range rk.Rows {
				if seen[rw.Unit] {
					t.Fatalf("iter %d %s: %s twice", iter, rk.ID, rw.Unit)
				}
				seen[rw.Unit] = true
				if rw.Value.NA {
					naSeen = true
					if rw.Rank != 0 {
						t.Fatalf("iter %d %s: NA unit ranked %d", iter, rk.ID, rw.Rank)
					}
					continue
				}
				if naSeen {
					t.Fatalf("iter %d %s: %s ranked after a not-applicable unit", iter, rk.ID, rw.Unit)
				}
				if rw.Rank < lastRank {
					t.Fatalf("iter %d %s: ranks go down at %s", iter, rk.ID, rw.Unit)
				}
				lastRank = rw.Rank
				want, tied := 1, false
				for _, o := range rk.Rows {
					if o.Value.NA || o.Unit == rw.Unit {
						continue
					}
					if better(o.Value.V, rw.Value.V) {
						want++
					}
					if in.Key(o.Value.V) == in.Key(rw.Value.V) {
						tied = true
					}
				}
				if rw.Rank != want || rw.Tied != tied {
					t.Fatalf("iter %d %s: %s rank %d tied %v, want %d %v", iter, rk.ID, rw.Unit, rw.Rank, rw.Tied, want, tied)
				}
				if rw.PrevRank > 0 && rw.Change != rw.PrevRank-rw.Rank {
					t.Fatalf("iter %d %s: change %d, prev %d, rank %d", iter, rk.ID, rw.Change, rw.PrevRank, rw.Rank)
				}
			}
			if len(seen) != n {
				t.Fatalf("iter %d %s: %d rows for %d units", iter, rk.ID, len(seen), n)
			}
		}
		// Same ranks when the units come in another order.
		sh := *cur
		sh.Units = append([]snapshot.Unit(nil), cur.Units...)
		rng.Shuffle(len(sh.Units), func(i, j int) { sh.Units[i], sh.Units[j] = sh.Units[j], sh.Units[i] })
		r2, err := metrics.Compute(def, &sh, prev)
		if err != nil {
			t.Fatal(err)
		}
		for i, rk := range r.Rankings {
			ranks := map[string][2]int{}
			for _, rw := range rk.Rows {
				ranks[rw.Unit] = [2]int{rw.Rank, rw.Change}
			}
			for _, rw := range r2.Rankings[i].Rows {
				if ranks[rw.Unit] != [2]int{rw.Rank, rw.Change} {
					t.Fatalf("iter %d %s: %s rank/change %v becomes %d/%d when shuffled", iter, rk.ID, rw.Unit, ranks[rw.Unit], rw.Rank, rw.Change)
				}
			}
		}
	}
}
