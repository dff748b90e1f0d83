// Where each window of a convolution or pool falls on its input, as the gradient kernels that
// scatter back through those windows read it: computeConv2DInfo's (or computePool2DInfo's) sizes,
// with the padding reduced to its top and left (the far sides follow from the sizes).
import type { backend_util } from '@tensorflow/tfjs';

export interface WindowGeometry {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  padTop: number;
  padLeft: number;
}

export function windowGeometry(info: backend_util.Conv2DInfo): WindowGeometry {
  return { ...info, padTop: info.padInfo.top, padLeft: info.padInfo.left };
}
