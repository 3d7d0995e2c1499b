// Package linecut says what a line of a stream is: the text before "\n" or "\r\n", and
// for the last line of a stream the text after the last break. ei/record's line scanner
// cuts its lines with Cut; a reader that keeps the lines of many blocks at once (the
// parallel validation of ei/validate, whose workers cut the chunks that its file-order
// pass reads on another core) keeps them as Cuts: four bytes a line where a record.Raw
// takes 48, so that handing a chunk's lines from one core to the other moves a twelfth of
// the memory.
//
//	cuts, tooLong := linecut.Append(nil, block, maxLine)
//	for i := range cuts {
//		text, brk, start := cuts.Line(block, i)
//		// …
//	}
package linecut
