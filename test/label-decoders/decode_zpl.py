"""ZPL graphic fields -> one PNG per ^GF, by zebrafy's ZebrafyZPL (an independent decoder).
usage: decode_zpl.py IN.zpl OUT_PREFIX   (writes OUT_PREFIX-0001.png, ...; prints each path)"""
import sys
from zebrafy import ZebrafyZPL

source, prefix = sys.argv[1], sys.argv[2]
with open(source, encoding='ascii') as f:
    images = ZebrafyZPL(f.read()).to_images()
for n, image in enumerate(images, start=1):
    path = f'{prefix}-{n:04d}.png'
    image.save(path)
    print(f'Page saved as {path}')
