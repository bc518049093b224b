const path = require('path');
const { task, src, dest, parallel } = require('gulp');

// Icons and codex files are not compiled by tsc: copy them next to the compiled JavaScript.
function copyIcons() {
	return src('icons/**/*.{png,svg}', { encoding: false }).pipe(dest(path.resolve('dist', 'icons')));
}

function copyNodeAssets() {
	return src(['nodes/**/*.{png,svg,json}'], { encoding: false }).pipe(
		dest(path.resolve('dist', 'nodes')),
	);
}

task('build:icons', parallel(copyIcons, copyNodeAssets));
