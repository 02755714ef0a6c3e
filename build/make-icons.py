#!/usr/bin/env python3
"""Draws Print Station's icons (no image library needed): the app icon (PNG + ICO) and one tray icon per state.
Run: python3 build/make-icons.py"""
import os, struct, zlib

HERE = os.path.dirname(os.path.abspath(__file__))

def png(width, height, pixel):
    rows = b''.join(b'\x00' + b''.join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(rows, 9)) + chunk(b'IEND', b'')

def hex_rgb(h):
    return tuple(int(h[i:i + 2], 16) for i in (1, 3, 5))

def inside_rounded(x, y, x0, y0, x1, y1, r):
    if x < x0 or x > x1 or y < y0 or y > y1:
        return False
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r

def printer_glyph(u, v):
    """A printer in unit coordinates (0..1): paper sheet on top, body, output slot."""
    paper = 0.30 <= u <= 0.70 and 0.16 <= v <= 0.42
    body = inside_rounded(u, v, 0.18, 0.38, 0.82, 0.70, 0.06)
    slot = 0.30 <= u <= 0.70 and 0.58 <= v <= 0.62
    out_paper = 0.30 <= u <= 0.70 and 0.62 <= v <= 0.84
    lines = out_paper and 0.36 <= u <= 0.64 and any(abs(v - l) < 0.012 for l in (0.69, 0.74, 0.79))
    if lines or slot:
        return 'dark'
    return 'white' if (paper or body or out_paper) else None

def icon(size, background, rounded=0.22):
    bg = hex_rgb(background)
    def pixel(x, y):
        u, v = (x + 0.5) / size, (y + 0.5) / size
        if not inside_rounded(u, v, 0.02, 0.02, 0.98, 0.98, rounded):
            return (0, 0, 0, 0)
        g = printer_glyph(u, v)
        if g == 'white':
            return (255, 255, 255, 255)
        if g == 'dark':
            return bg + (255,)
        return bg + (255,)
    return png(size, size, pixel)

def ico(png_bytes, size):
    # One PNG-compressed image (valid since Windows Vista); 256 is written as 0.
    header = struct.pack('<HHH', 0, 1, 1)
    entry = struct.pack('<BBBBHHII', 0 if size >= 256 else size, 0 if size >= 256 else size, 0, 0, 1, 32, len(png_bytes), 6 + 16)
    return header + entry + png_bytes

STATES = {
    'ready': '#2e7d32', 'printing': '#1f6feb', 'awaiting-retrieval': '#d98e04', 'error': '#c62828',
    'offline': '#6b7280', 'paused': '#475569', 'idle': '#64748b',
}

if __name__ == '__main__':
    app_png = icon(512, '#1f6feb')
    open(os.path.join(HERE, 'icon.png'), 'wb').write(app_png)
    open(os.path.join(HERE, 'icon.ico'), 'wb').write(ico(icon(256, '#1f6feb'), 256))
    for name, colour in STATES.items():
        open(os.path.join(HERE, 'tray', f'{name}.png'), 'wb').write(icon(32, colour, rounded=0.5))
        open(os.path.join(HERE, 'tray', f'{name}@2x.png'), 'wb').write(icon(64, colour, rounded=0.5))
