// The widget's keyboard: Space plays or pauses, → steps, R resets — unless the key belongs to the
// control that has the focus (a text field, a menu, a button's own Space).

/** The action a key press asks for, or '' for none. */
export function keyAction(e, playing) {
  const tag = e.target.tagName;
  const formControl = tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA';
  if (e.key === ' ' || e.key === 'Spacebar') {
    if (formControl || tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') return '';
    return playing ? 'pause' : 'play';
  }
  if (e.key === 'ArrowRight') return formControl ? '' : 'step';
  if (e.key === 'r' || e.key === 'R') {
    if (tag === 'TEXTAREA' || tag === 'SELECT' || (tag === 'INPUT' && e.target.type !== 'range')) return '';
    return 'reset';
  }
  return '';
}
