package web

import (
	"strings"

	"github.com/bulletin-gov/bulletin/internal/report"
)

// A report may read several exports (datasets: in report.yaml). The
// archive holds the first one's figures as snapshot.json and each further
// one's as snapshot-<id>.json; the history pages follow one dataset, named
// by ?ds=<id> (none for the first), and find it only among a version's own
// files.

// DatasetNames are the names report.yaml gives the datasets of some
// reports, for Options.DatasetNames: by report id, then dataset id; the
// first dataset's name under "" as well (its figures are snapshot.json).
func DatasetNames(defs ...*report.Definition) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, def := range defs {
		if def == nil || !def.HasDatasets() {
			continue
		}
		m := map[string]string{}
		for i, ds := range def.Datasets {
			m[ds.ID] = ds.Name
			if i == 0 {
				m[""] = ds.Name
			}
		}
		out[def.ID] = m
	}
	return out
}

// isDatasetFile tells a further dataset's snapshot (snapshot-<id>.json).
func isDatasetFile(name string) bool {
	return strings.HasPrefix(name, "snapshot-") && strings.HasSuffix(name, ".json") && len(name) > len("snapshot-.json")
}

// datasetID is the id of a further dataset's snapshot file.
func datasetID(file string) string {
	return strings.TrimSuffix(strings.TrimPrefix(file, "snapshot-"), ".json")
}

// datasetFile is the snapshot file of a dataset: snapshot.json for the
// first (""), snapshot-<id>.json for the others (as internal/pipeline
// names them).
func datasetFile(id string) string {
	if id == "" {
		return "snapshot.json"
	}
	return "snapshot-" + id + ".json"
}

// datasetLabel names a dataset of a report for page titles: its name in
// report.yaml when Options.DatasetNames has it, else its id ("" for the
// first dataset without a name).
func (s *Server) datasetLabel(reportID, ds string) string {
	if n := s.opts.DatasetNames[reportID][ds]; n != "" {
		return n
	}
	return ds
}

// inDataset is a dataset's label as a title adds it: （全市各县市区）.
func inDataset(label string) string {
	if label == "" {
		return ""
	}
	return "（" + label + "）"
}
