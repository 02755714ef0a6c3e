"""Brother QL raster -> one PNG per printed page, by brother_ql's own BrotherQLReader (an independent decoder).
usage: decode_brother.py IN.bin OUT_PREFIX   (writes OUT_PREFIX-0001.png, ...; prints each path)"""
import sys
from brother_ql.reader import BrotherQLReader

source, prefix = sys.argv[1], sys.argv[2]
reader = BrotherQLReader(source)
reader.filename_fmt = prefix + '-{counter:04d}.png'
reader.analyse()
