// Package fonts owns the four faces of a notice (情况通报): the face table
// (each face's job, the official face GB/T 9704 names and the file names it
// is installed under, the bundled stand-in), discovery of the office's own
// fonts (Options.Dir, else $BULLETIN_FONTS, then the system font folders),
// parsing TrueType files, measuring advances, and cutting subsets for
// embedding. The font files themselves and their licences live in the
// top-level fonts folder, which only embeds them.
//
// Stage: the layout (gongwen) measures through a Set; exporters (gongwen/pdf)
// embed Subsets of its Fonts. Fonts are parsed once per process for the same
// Options (Load caches them).
//
// A font that is found but cannot be used (a collection, a CFF .otf, an
// fsType that forbids embedding, a broken file) is replaced by the stand-in
// and Set.Substitutes says, in Chinese, what was found and why it was not
// used. Parse never panics whatever the file (FuzzParse).
package fonts
