package source_test

// ownBulletins are the bulletins we wrote to look like real ones, each
// with its expected parse reviewed by hand.
var ownBulletins = []bulletinCase{}
