// Teacher presets: the key moments of the explorable, each a query of contract keys that shows
// one point within about ten seconds at the speed given. classroom.html lists them as links
// (embed.html?<query>, shareable) and steps through them in its tour. Every seed is pinned, so a
// moment looks the same in every classroom; tests/page/classroom.test.mjs checks each claim.
//
// The later moments (Part 2 and the E/I section) pin seeds whose runs were checked to make their
// point; their checks are in the same test file.
//
// Seed 19's cloud has λ1 ≈ 3.03 and λ2 ≈ 0.50 (500 points drawn with l1 = 3, l2 = 0.5), so
// α = 2.8 and α = 3.2 sit just either side of it.

export const MOMENTS = [
  {
    id: 'hebb-explodes',
    title: 'Hebb explodes',
    caption:
      'Plain Hebb only ever adds: the arrow swings onto the long axis of the cloud while |w| climbs a straight line on the log chart, until it passes 10¹², the ceiling at which the run stops itself.',
    query: 'kind=hebb&seed=19',
  },
  {
    id: 'decay-below',
    title: 'Decay just below λ1',
    caption:
      'A leak α = 2.8 is a little weaker than this cloud’s largest variance λ1 ≈ 3.0, so |w| still grows, only slowly: a gentle rise on the log chart instead of an explosion.',
    query: 'kind=decay&alpha=2.8&eta=0.005&seed=19',
  },
  {
    id: 'decay-above',
    title: 'Decay just above λ1',
    caption:
      'The same cloud with α = 3.2, just past λ1 ≈ 3.0: the arrow still turns onto the long axis, but its length fades towards zero. What matters is α against λ1, not α itself.',
    query: 'kind=decay&alpha=3.2&eta=0.005&seed=19',
  },
  {
    id: 'decay-compare',
    title: 'Either side of λ1, side by side',
    caption:
      'One cloud, one starting weight; only α differs. Watch the two |w| readouts part ways: the left one creeps up, the right one sinks.',
    query: 'kind=decay&eta=0.005&seed=19&compare=alpha:2.8,3.2',
  },
  {
    id: 'oja-pc1',
    title: 'Oja finds PC1',
    caption:
      'Oja’s rule brakes in proportion to the output squared: the arrow turns from across the cloud onto its long axis, the angle readout drops to a few degrees and |w| settles at 1.',
    query: 'kind=oja&eta=0.005&w0=-0.3,0.4&seed=19',
  },
  {
    id: 'oja-too-large',
    title: 'Oja with too large η',
    caption:
      'The same rule with η = 0.4: now η·λ1 > 1, so every update overshoots the fixed point by more than it corrects, and within a second the run stops and names the reason.',
    query: 'kind=oja&eta=0.4&speed=1&seed=19',
  },
  {
    id: 'oja-compare',
    title: 'A small η against a large one',
    caption:
      'Both runs find the same axis on the same data. η = 0.05 gets there at once and then jitters around it; η = 0.005 takes its time and holds the line more tightly. Compare the angle readouts.',
    query: 'kind=oja&seed=7&compare=eta:0.005,0.05',
  },
  {
    id: 'infomax-pc1',
    title: 'Why the long axis',
    caption:
      'Round the circle of directions, the variance each one lets through and the information it carries past the output noise peak at the same place, the long axis. The dot, started near the short axis, slides away from it and settles on the peak; the information readout climbs to its maximum.',
    query: 'kind=infomax&eta=0.01&speed=20&w0=-0.45,0.9&seed=19',
  },
  {
    id: 'abstraction-worlds',
    title: 'Describe a tree to another learner',
    caption:
      'Twelve learners, each with its own start and its own samples of trees, end on one line a few degrees wide: any of them could hand its line to another and be understood. Learners raised on everything agree just as well among themselves, on a line nearly perpendicular to this one (between worlds): a description only travels between learners that saw the same world.',
    query: 'kind=abstraction&world=trees&speed=1000&seed=3',
  },
  {
    id: 'pairing-dark',
    title: 'Dark rearing flips the sign',
    caption:
      'Two virtual slices, the same protocol: ten test pulses, presynaptic pulses paired with 5 Hz of postsynaptic firing, ten test pulses again. The left cell had a normal past (average 10 Hz), so its threshold θ sits near 11 Hz and the pairing depresses its synapse. The right cell was kept quiet (3 Hz, as in dark rearing); its θ has slid down to about 1 Hz, and the very same pairing potentiates.',
    query: 'kind=pairing&rate=5&seed=3&compare=history:10,3',
  },
  {
    id: 'stdp-group-wins',
    title: 'Spike timing picks the inputs that fire together',
    caption:
      'A hundred random spike trains onto one neuron, every synapse changed by the timing of its spike pairs. Twenty of the inputs (warm) share some spikes. Their weights climb to the top within a few simulated minutes while the rest sink and start to split between 0 and the top: the inputs that fire together cause the output together, so they get the pre-before-post pairs.',
    query: 'kind=stdp&speed=5000&seed=1',
  },
  {
    id: 'balance-target',
    title: 'Inhibition learns to hold a cell at its target',
    caption:
      'Eight channels, excitation tuned to channel 5, inhibition weak and untuned. The inhibitory synapses learn by Vogels’ rule: they grow when they fire with the cell and shrink a little at every spike of their own. The output rate falls from tens of hertz to the 5 Hz target, and the blue inhibitory curve takes on the shape of the red excitatory one (co-tuning near 1).',
    query: 'kind=balance&speed=1000&seed=3',
  },
  {
    id: 'hopfield-recall',
    title: 'A Hopfield network cleans up a cue',
    caption:
      'Five letters are stored; one is shown with a fifth of its pixels flipped. One neuron at a time takes the sign of its input, the energy only goes down, and the overlap climbs to 1.',
    query: 'kind=hopfield&seed=3',
  },
  {
    id: 'hopfield-overload',
    title: 'Overloaded Hopfield',
    caption:
      'Sixty-four random patterns in 256 neurons is a load of 0.25, well past the 0.138 such a network can hold. The cue starts 10 % wrong and recall makes it worse: it settles with about a third of its bits wrong.',
    query: 'kind=hopfield&preset=overload&seed=1',
  },
  {
    id: 'capacity',
    title: 'The capacity cliff',
    caption:
      'Each point is a network loaded with more random patterns than the last. Recall is almost perfect at small loads and collapses near P/N ≈ 0.14, the edge the theory predicts.',
    query: 'kind=capacity&seed=3',
  },
  {
    id: 'basins',
    title: 'Basins shrink as memories crowd in',
    caption:
      'Each cell stores random patterns at one load and starts recall from a damaged cue. At light loads a cue that barely leans towards its memory is pulled in; as the load grows the cue must be ever closer, and past P/N ≈ 0.14 nothing comes back. The outlined row at 0.12 shows how close: read the basin edge.',
    query: 'kind=basins&seed=3&load=0.12',
  },
  {
    id: 'modern-crowded',
    title: 'A crowded modern Hopfield network',
    caption:
      'Two hundred random patterns on 256 neurons would swamp the classic network, yet the modern one, a softmax over its stored patterns, brings the noisy cue back exactly in one update; the next finds nothing left to change.',
    query: 'kind=modern&preset=crowded&seed=3',
  },
  {
    id: 'dense-order',
    title: 'One more order, many more memories',
    caption:
      'The same 140 random patterns on 256 neurons and the same noisy cue, side by side. On the left the classic network (order 2), four times over its limit, stalls with a third of its bits wrong; on the right order 3, whose energy cubes each overlap, brings every bit back in two sweeps.',
    query: 'kind=dense&seed=2&compare=order:2,3',
  },
  {
    id: 'gha-order',
    title: 'Sanger’s rule puts the components in order',
    caption:
      'Three neurons on eight inputs. Each learns Oja’s rule on what the neurons before it leave unexplained, so the overlap map fills its diagonal top row first and neuron k settles on the k-th principal axis: watch angle1 and angle2 fall to a few degrees.',
    query: 'kind=gha&preset=high&eta=0.002&speed=200&seed=2',
  },
  {
    id: 'subspace-one',
    title: 'The subspace rule with one neuron is Oja’s rule',
    caption:
      'With k = 1 there is nobody to share the subspace with: the single row of the subspace rule is Oja’s weight vector and settles on the first principal axis, within a few degrees.',
    query: 'kind=subspace&preset=high&eta=0.002&k=1&speed=200&seed=2',
  },
  {
    id: 'similarity-slow',
    title: 'Similarity matching with lateral weights too slow',
    caption:
      'τ = 5 makes the anti-Hebbian lateral weights learn ten times slower than the sufficient ½ allows. They cannot keep the two outputs apart: ‖FFᵀ − I‖ stays above 1 instead of falling to a few hundredths.',
    query: 'kind=similarity&tau=5&speed=200&seed=2',
  },
  {
    id: 'bcm-selective',
    title: 'BCM becomes selective',
    caption:
      'Four orthonormal inputs, a threshold θ that follows the average of y². Responses above θ strengthen, those below weaken; the neuron ends up answering one input with y = 4 and the rest with 0, and θ jitters around 4: it averages y² over only the last twenty or so presentations, so a single glance can catch it anywhere from about 1 to 8.',
    query: 'kind=bcm&tau=20&speed=50&seed=3',
  },
  {
    id: 'prune-cap',
    title: 'Random growth under a budget',
    caption:
      'Synapses sprout at random and the weakest are replaced, but never more than K_max = 12 exist at once: watch the synapse count climb to the cap and stay there while the wiring keeps changing.',
    query: 'kind=prune&grow=random&kmax=12&speed=50&seed=3',
  },
  {
    id: 'ei-normative',
    title: 'E/I cells learn the projector',
    caption:
      'Gradient steps on ½‖WDF − F‖² with η below 2/λmax(FᵀF): the loss falls to zero, WD becomes the projector onto the stored letters (λmax → 1), and the cue settles on its projection.',
    query: 'kind=ei&preset=normative&eta=0.001&seed=3',
  },
  {
    id: 'ei-dale',
    title: 'Dale’s law clipping: zero loss, runaway recall',
    caption:
      'Clip W at 0 after each step so every cell keeps its sign. The loss still reaches zero, but WD gains an eigenvalue above 1, so recall runs away along it: the run stops as diverged and says why.',
    query: 'kind=ei&preset=dale&seed=3',
  },
  {
    id: 'backprop-same-subspace',
    title: 'Hebb and backprop, same answer',
    caption:
      'One stream of 8-D samples, two networks: Oja’s subspace rule on the left, an autoencoder trained by backprop on the right. Both subspace errors fall together to a few hundredths and the loss settles on its least value, the variance of the five discarded directions. Click a synapse: both updates need more than their own two ends.',
    query: 'kind=backprop&speed=200&seed=3',
  },
];

/** The link that opens a moment alone (shareable); `present` adds the page key present=1. */
export function embedHref(moment, present = false) {
  return `embed.html?${moment.query}${present ? '&present=1' : ''}`;
}
