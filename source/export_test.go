package source

// IsPictureLine is isPictureLine, for the tests of the package source_test.
var IsPictureLine = isPictureLine
