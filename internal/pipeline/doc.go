// Package pipeline runs one issuance: it reads a period's snapshot, finds
// the previous period (in the archive, else the report's source), computes
// the figures, fills the template, typesets the PDF, writes the workbook and
// records everything in the archive. It is the only package that knows every
// stage; the command line and the scheduled service both call Issue.
//
//	snapshot → metrics → notice → gongwen/pdf
//	                   ↘ workbook
//	all outputs → archive (or a folder, for a dry run)
//
// Every output is built completely, in memory, before the archive is
// touched: a failed run leaves the archive and earlier outputs as they were.
package pipeline
