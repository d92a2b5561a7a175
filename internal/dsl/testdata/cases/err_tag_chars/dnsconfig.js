// A tag becomes part of file names and messages: letters, digits, '-' and
// '_' only, so nothing can climb out of a zone directory.
var REG = NewRegistrar("none");
D("x.com!/../../escaped", REG, A("www", "192.0.2.1"));
